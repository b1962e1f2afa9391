/**
 * A rejected promise nobody awaits (a client answering a server request with an error, say) is logged and
 * never ends the server: Node's default for an unhandled rejection is to exit.
 */
export function logUnhandledRejections(log: (message: string) => void, target: NodeJS.EventEmitter = process): void {
  target.on('unhandledRejection', (reason: unknown) => {
    const detail =
      reason instanceof Error
        ? (reason.stack ?? reason.message)
        : typeof reason === 'object'
          ? JSON.stringify(reason)
          : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects took the branch above
            String(reason);
    log(`unhandled rejection (the server keeps running): ${detail}`);
  });
}
