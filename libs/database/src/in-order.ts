/**
 * Runs queries one after another. Inside a transaction they all use the transaction's one connection, which must
 * not be given concurrent queries (pg queues them today and will refuse them in pg 9), so no Promise.all there.
 */
export async function inOrder<T extends readonly unknown[]>(
  ...fns: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const out: unknown[] = [];
  for (const fn of fns) out.push(await fn());
  return out as unknown as T;
}
