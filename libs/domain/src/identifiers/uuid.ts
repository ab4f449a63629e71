const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in its canonical text form (any version), as ids in paths and bodies must be. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
