import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { App } from '@/app/app.tsx'
import '@/app/global.css'

// zod compiles schemas with `new Function` unless told not to, and its probe for
// that is reported as a violation under our Content-Security-Policy, which has
// no 'unsafe-eval'. Set before the first parse.
z.config({ jitless: true })

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element.')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
