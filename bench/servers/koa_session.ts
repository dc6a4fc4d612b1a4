// The koa-session peer with its external store in a Map (koa_session_app.ts).
import { serveKoaSession } from './koa_session_app.js'

const sessions = new Map<string, unknown>()
serveKoaSession({
  get: async (key) => sessions.get(key),
  set: async (key, value) => { sessions.set(key, value) },
  destroy: async (key) => { sessions.delete(key) },
}, 'koa-session')
