export interface AppHeaderProps {
  readonly title: string
}

export function AppHeader({ title }: AppHeaderProps) {
  return (
    <header className="app-header">
      <span className="app-header__mark" aria-hidden="true" />
      <span className="app-header__title">{title}</span>
    </header>
  )
}
