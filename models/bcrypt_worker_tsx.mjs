// Loads the TypeScript worker (bcrypt_worker.ts) when the app runs under tsx (tests, dev): Node 20
// does not hand tsx's loader to worker threads. Compiled builds load dist/models/bcrypt_worker.js.
import { tsImport } from 'tsx/esm/api'

export const { hash, compare } = await tsImport('./bcrypt_worker.ts', import.meta.url)
