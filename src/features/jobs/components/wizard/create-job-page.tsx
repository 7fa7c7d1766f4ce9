import Alert from '@cloudscape-design/components/alert'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useSearchParams } from 'react-router'
import { RouterLink } from '@/components/router-link.tsx'
import { useDashboardConfig } from '@/config/dashboard-config-context.tsx'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useJobTemplate } from '../../api/describe-job-template.ts'
import { templatePrefill } from '../../utils/template-prefill.ts'
import {
  templateIdFromParams,
  withTemplate,
  wizardStateFromParams,
} from '../../utils/wizard-state.ts'
import { DEFAULT_CONFIRMATION_THRESHOLD, FirmwareJobWizard } from './firmware-job-wizard.tsx'

/**
 * `/jobs/new`: the firmware job wizard. Deep links prefill it: `?thing=`,
 * `?things=a,b`, `?group=`, `?query=`, `?model=&version=`, `?template=<id>`
 * (the job template is read and applied first; a release in the link wins).
 * Only operators see the form; a viewer is told why there is none (IAM
 * refuses CreateJob anyway). Jobs over config.json's
 * `jobConfirmationThreshold` devices (50 unless set) need a typed
 * confirmation.
 */
export function CreateJobPage() {
  const [searchParams] = useSearchParams()
  const user = useSessionUser()
  const config = useDashboardConfig()
  const confirmationThreshold = config.jobConfirmationThreshold ?? DEFAULT_CONFIRMATION_THRESHOLD
  const templateId = templateIdFromParams(searchParams)
  const template = useJobTemplate(user.role === 'operator' ? templateId : undefined)
  const header = (
    <Header
      variant="h1"
      description="Install a firmware release on a device, a list of devices, a thing group or the devices a fleet-index query matches."
    >
      Create firmware job
    </Header>
  )
  if (user.role !== 'operator') {
    return (
      <ContentLayout header={header}>
        <Alert type="info" header="Only operators create jobs">
          You are signed in {user.role === 'viewer' ? 'as a viewer' : 'without a Fleetdeck role'},
          which may watch jobs but not create them. Ask an administrator to add you to the operator
          group, or go to the <RouterLink href={paths.jobs.list()}>jobs list</RouterLink>.
        </Alert>
      </ContentLayout>
    )
  }
  if (templateId !== undefined && template.isPending) {
    return (
      <ContentLayout header={header}>
        <StatusIndicator type="loading">Reading job template {templateId}</StatusIndicator>
      </ContentLayout>
    )
  }
  // The link prefills the wizard when it mounts; a new link (another search
  // string) mounts a new wizard, so following a second deep link prefills it too.
  const fromLink = wizardStateFromParams(searchParams)
  const prefill = template.data === undefined ? undefined : templatePrefill(template.data)
  const initialState =
    prefill === undefined || templateId === undefined
      ? fromLink
      : withTemplate(fromLink, prefill, templateId, { keepRelease: searchParams.has('model') })
  const initialNotes =
    templateId === undefined
      ? []
      : prefill !== undefined
        ? [`Applied template ${templateId}.`, ...prefill.notes]
        : [awsErrorMessage(template.error, `read the job template ${templateId}`)]
  return (
    <ContentLayout header={header}>
      <FirmwareJobWizard
        key={searchParams.toString()}
        initialState={initialState}
        initialNotes={initialNotes}
        username={user.username}
        confirmationThreshold={confirmationThreshold}
      />
    </ContentLayout>
  )
}
