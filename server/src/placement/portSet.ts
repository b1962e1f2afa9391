import { overwriteFrom } from './arrays';

/**
 * The host ports taken on one instance, as a sorted array: a task taking and giving back its ports allocates nothing
 * once the array has grown (a Set allocates a new table when it shrinks), and putting a copy back is one array copy.
 */
export class PortSet {
  private readonly ports: number[] = [];

  constructor(ports: Iterable<number> = []) {
    for (const p of ports) this.add(p);
  }

  get size(): number {
    return this.ports.length;
  }

  /** Where the port is, or where it would go (binary search). */
  private slot(port: number): number {
    const ports = this.ports;
    let lo = 0;
    let hi = ports.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ports[mid] < port) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(port: number): boolean {
    return this.ports[this.slot(port)] === port;
  }

  add(port: number): void {
    const ports = this.ports;
    const at = this.slot(port);
    if (ports[at] === port) return;
    // Shifted by hand: splice would allocate the (empty) array of removed items.
    ports.push(port);
    for (let i = ports.length - 1; i > at; i--) ports[i] = ports[i - 1];
    ports[at] = port;
  }

  /**
   * True when the port was taken. Shifts in place (splice would make an array of the removed items) and pops: writing
   * `length` can drop the array's store, and the next add would allocate a new one.
   */
  delete(port: number): boolean {
    const ports = this.ports;
    const at = this.slot(port);
    if (ports[at] !== port) return false;
    ports.copyWithin(at, at + 1);
    ports.pop();
    return true;
  }

  /** This set holds exactly the ports of `from` from `start` up to `end` afterwards (a sorted run, as appendTo wrote it). */
  copyFrom(from: readonly number[], start: number, end: number): void {
    overwriteFrom(this.ports, from, start, end);
  }

  /** Appends the ports to `out`, in ascending order. */
  appendTo(out: number[]): void {
    for (let i = 0; i < this.ports.length; i++) out.push(this.ports[i]);
  }

  /** In ascending order. */
  values(): number[] {
    return [...this.ports];
  }
}
