// The koa-session peer with its external store in Redis (REDIS_URL) over node-redis, as a
// koa-session user would write one: the session JSON under one key, koa-session's maxAge as its TTL.
import { createClient } from 'redis'
import { serveKoaSession } from './koa_session_app.js'

const redis = createClient({ url: process.env.REDIS_URL })
await redis.connect()
serveKoaSession({
  get: async (key) => {
    const json = await redis.get(`peer:${key}`)
    return json === null ? undefined : JSON.parse(json)
  },
  set: async (key, value, maxAge) => {
    await redis.set(`peer:${key}`, JSON.stringify(value), typeof maxAge === 'number' ? { PX: maxAge } : {})
  },
  destroy: async (key) => { await redis.del(`peer:${key}`) },
}, 'koa-session (Redis store)')
