// The express-session peer of `npm run bench`: express 5 + express-session 1.19 with its default
// MemoryStore, set up as its README recommends (resave: false, saveUninitialized: false; the
// cookie is always signed with the secret). POST /api/v1/login puts the bench user's id in a new
// session; GET /api/v1/users/me reads it.
import express from 'express'
import session from 'express-session'
import { announce, benchUser } from './common.js'

declare module 'express-session' {
  interface SessionData {
    userId: string
  }
}

const user = benchUser()
const users = new Map([[user.id, user.body]])
const app = express()
app.use(session({ secret: 'bench-peer-signing-secret', resave: false, saveUninitialized: false }))

app.post('/api/v1/login', (req, res) => {
  req.session.userId = user.id
  res.json(user.body)
})
app.get('/api/v1/users/me', (req, res) => {
  const found = users.get(req.session.userId ?? '')
  if (found === undefined) {
    res.status(403).json({ error: 'Forbidden' })
    return
  }
  res.json(found)
})

announce(app.listen(0, '127.0.0.1'), 'express-session')
