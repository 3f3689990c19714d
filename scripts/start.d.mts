// Types for scripts/start.mjs, for the TypeScript scripts that import it (bench-api.ts).
/** Absolute path of Next's CLI (node_modules/next/dist/bin/next). */
export declare const nextBin: string;
/** Builds the production app unless the last build is of exactly these inputs. Returns false on failure. */
export declare function ensureBuild(): boolean;
/** A free TCP port on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** The bundled production server (.next/lca-server.mjs). */
export declare const serverFile: string;
/** Spawns the production server on a port (NODE_ENV=production, LCA_HOST=host). */
export declare function spawnServer(
  port: number,
  options?: { host?: string; env?: Record<string, string> } & import("node:child_process").SpawnOptions,
): import("node:child_process").ChildProcess;
