/** Minimal types for the peer libraries the benchmark compares against (they ship none). */
declare module 'hashring' {
  export default class HashRing {
    constructor(servers: string[] | Record<string, unknown>, algorithm?: string, options?: Record<string, unknown>);
    get(key: string): string;
    range(key: string, size?: number, unique?: boolean): string[];
  }
}

declare module 'consistent-hash' {
  export default class ConsistentHash {
    constructor(options?: { range?: number; weight?: number; distribution?: 'uniform' | 'random' });
    add(node: string, weight?: number): this;
    remove(node: string): this;
    get(name: string, count?: number): string[];
  }
}
