import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useNavigate, useSearchParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { parseConfigKey } from '../../utils/config-keys.ts'
import { ConfigPropagateForm } from './config-propagate-form.tsx'
import { ConfigUploadForm } from './config-upload-form.tsx'
import { ConfigurationViewer } from './configuration-viewer.tsx'
import { ConfigurationsTable } from './configurations-table.tsx'

/**
 * `/configuration`: configuration propagation (PRODUCT.md) on one page.
 * Operators ask a device to upload its configuration; everyone can list,
 * read and download the files (`?key=` shows one); operators push the file
 * shown to things or a group, and then see it at the top of the jobs list.
 * `?thing=` starts the upload form with a thing.
 */
export function ConfigurationPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const navigate = useNavigate()
  const { role } = useSessionUser()
  const isOperator = role === 'operator'
  const rawKey = searchParams.get('key') ?? ''
  const selectedKey = parseConfigKey(rawKey) === undefined ? undefined : rawKey
  const select = (key: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.set('key', key)
        return next
      },
      { preventScrollReset: true },
    )
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Upload a device’s configuration, look at it, and push it to other devices or groups."
        >
          Configuration
        </Header>
      }
    >
      <SpaceBetween size="l">
        {isOperator ? (
          <ConfigUploadForm
            initialThingName={searchParams.get('thing') ?? ''}
            onCreated={(key) => setSearchParams({ key })}
          />
        ) : null}
        <ConfigurationsTable prefix="" selectedKey={selectedKey} onSelect={select} />
        {selectedKey === undefined ? null : (
          <ConfigurationViewer key={selectedKey} configKey={selectedKey} />
        )}
        {selectedKey !== undefined && isOperator ? (
          <ConfigPropagateForm
            key={selectedKey}
            configKey={selectedKey}
            onCreated={() => void navigate(paths.jobs.list())}
          />
        ) : null}
      </SpaceBetween>
    </ContentLayout>
  )
}
