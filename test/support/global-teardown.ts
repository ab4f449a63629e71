export default async function globalTeardown(): Promise<void> {
  // The template database is kept between runs for inspection; globalSetup rebuilds it.
}
