import Alert from '@cloudscape-design/components/alert'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { wizardStateFromParams } from '../../utils/wizard-state.ts'
import { FirmwareJobWizard } from './firmware-job-wizard.tsx'

export interface CreateJobPageProps {
  /** Jobs over this many devices need a typed confirmation; 50 unless given. */
  readonly confirmationThreshold?: number
}

/**
 * `/jobs/new`: the firmware job wizard. Deep links prefill it: `?thing=`,
 * `?things=a,b`, `?group=`, `?query=`, `?model=&version=`. Only operators see
 * the form; a viewer is told why there is none (IAM refuses CreateJob anyway).
 */
export function CreateJobPage({ confirmationThreshold }: CreateJobPageProps) {
  const [searchParams] = useSearchParams()
  const user = useSessionUser()
  // The link prefills once; afterwards the wizard owns its state.
  const [initialState] = useState(() => wizardStateFromParams(searchParams))
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
  return (
    <ContentLayout header={header}>
      <FirmwareJobWizard
        initialState={initialState}
        username={user.username}
        {...(confirmationThreshold === undefined ? {} : { confirmationThreshold })}
      />
    </ContentLayout>
  )
}
