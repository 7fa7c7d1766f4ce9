import { AppHeader } from '@/components/app-header.tsx'
import { AppProvider } from './provider.tsx'

export function App() {
  return (
    <AppProvider>
      <AppHeader title="Fleetdeck" />
      <main className="app-main">
        <h1>Fleetdeck</h1>
        <p>Firmware and configuration rollouts for AWS IoT fleets.</p>
      </main>
    </AppProvider>
  )
}
