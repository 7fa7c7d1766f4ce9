import Alert from '@cloudscape-design/components/alert'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import { useSearchParams } from 'react-router'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { FirmwareUploadForm } from './firmware-upload-form.tsx'

/**
 * `/firmware/upload` (`?model=` preselects the model): publish a release.
 * Only operators see the form; a viewer who follows a link here is told why
 * there is none (IAM would refuse the upload anyway).
 */
export function FirmwareUploadPage() {
  const [searchParams] = useSearchParams()
  const user = useSessionUser()
  const header = (
    <Header
      variant="h1"
      description="The image is hashed (sha256) in this browser while it uploads; the release appears in the catalog once both are stored."
    >
      Upload firmware
    </Header>
  )
  if (user.role !== 'operator') {
    return (
      <ContentLayout header={header}>
        <Alert type="info" header="Only operators upload firmware">
          You are signed in {user.role === 'viewer' ? 'as a viewer' : 'without a Fleetdeck role'},
          which may read the firmware catalog but not add to it. Ask an administrator to add you to
          the operator group, or go back to the{' '}
          <RouterLink href={paths.firmware.catalog()}>firmware catalog</RouterLink>.
        </Alert>
      </ContentLayout>
    )
  }
  return (
    <ContentLayout header={header}>
      <FirmwareUploadForm
        initialModel={searchParams.get('model') ?? ''}
        uploadedBy={user.username}
      />
    </ContentLayout>
  )
}
