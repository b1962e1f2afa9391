/**
 * What the in-process rows of the speed bench time, bundled into one file as the CLI and the server bundle it
 * (scripts/build.mjs writes out/test/bench/bundledCheck.bundle.js): the code users run, not the test build, where
 * every call between modules goes through an export getter.
 */
export { readSourceFile } from '../../server/src/surfaces';
export { validateDocument } from '../../server/src/service/validation';
export { defaultSettings } from '../../server/src/service/settings';
export { emptyWorkspace } from '../../server/src/service/workspace';
