import type { Connection } from 'vscode-languageserver/node';

/** Wraps a handler so that an exception is logged and answered with a default, never a dead server. */
export function guarded(connection: Connection) {
  return function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
    return async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        connection.console.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
        return fallback;
      }
    };
  };
}

export type Guard = ReturnType<typeof guarded>;
