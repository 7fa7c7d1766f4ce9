// First: it configures zod before any schema below is built.
import '@/lib/zod-jitless.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from '@/app/app.tsx'
import { ConfigErrorPage } from '@/app/config-error-page.tsx'
import { loadRuntimeConfig } from '@/config/load-runtime-config.ts'
import { configureAmplify } from '@/lib/auth/configure-amplify.ts'
import '@/app/global.css'

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element.')
const root = createRoot(container)

// The settings come first: without them there is no user pool to sign in to.
loadRuntimeConfig().then(
  (config) => {
    configureAmplify(config)
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    )
  },
  (error: unknown) => root.render(<ConfigErrorPage error={error} />),
)
