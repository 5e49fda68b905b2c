/**
 * `node --import loopwatch/register app.js` (or `--require`): switches the debug tier on before the
 * program loads, with options from the LOOPWATCH_* environment variables (docs/runtime.md).
 */
import { enableDebug } from './debug/index';

enableDebug();
