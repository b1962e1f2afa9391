/** The vscode.Event shape without the vscode module, so the panel host runs under node:test. */
export interface Disposable {
  dispose(): unknown;
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> {
  private listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (e) {
        // One failing listener must not keep the others from hearing about the result.
        console.error(e);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
