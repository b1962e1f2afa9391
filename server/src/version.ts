/** The extension's version, injected from package.json by the build (esbuild `define`); "dev" when run unbundled. */
declare const ECS_LENS_VERSION: string | undefined;
export const version: string = typeof ECS_LENS_VERSION === 'string' ? ECS_LENS_VERSION : 'dev';
