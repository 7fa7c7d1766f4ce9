import { RuntimeConfigError } from '@/config/load-runtime-config.ts'

export interface ConfigErrorPageProps {
  readonly error: unknown
}

/**
 * Shown instead of the app when `config.json` is missing or wrong: plain
 * markup, no design system, so it renders whatever else failed to load.
 */
export function ConfigErrorPage({ error }: ConfigErrorPageProps) {
  const problems =
    error instanceof RuntimeConfigError
      ? error.problems
      : [error instanceof Error ? error.message : String(error)]
  const url = error instanceof RuntimeConfigError ? error.url : 'config.json'
  return (
    <main className="config-error" role="alert">
      <h1>Fleetdeck cannot start</h1>
      <p>
        Its settings file <code>{url}</code> is not usable:
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p>
        The deployment writes this file beside <code>index.html</code> (the local cloud&apos;s
        <code> npm start</code> writes it for you). Fix it and reload the page.
        docs/configuration.md lists every setting.
      </p>
    </main>
  )
}
