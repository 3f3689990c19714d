/** See security-headers.cjs. */
export declare function securityHeaders(options: { dev: boolean; embed: boolean }): { key: string; value: string }[];
