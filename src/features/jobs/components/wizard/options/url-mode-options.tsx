import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import RadioGroup from '@cloudscape-design/components/radio-group'
import SpaceBetween from '@cloudscape-design/components/space-between'
import {
  MAX_OPERATOR_URL_EXPIRY_HOURS,
  type JobOptionsForm,
} from '../../../utils/firmware-job-form.ts'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

/** How devices get the firmware URL: an IoT placeholder (presignedUrlConfig) or a URL signed now. */
export function UrlModeOptions(props: OptionsSectionProps) {
  const { options, onChange } = props
  return (
    <Container header={<Header variant="h2">Firmware URL</Header>}>
      <SpaceBetween size="l">
        <RadioGroup
          value={options.urlMode}
          onChange={({ detail }) =>
            onChange({ urlMode: detail.value as JobOptionsForm['urlMode'] })
          }
          items={[
            {
              value: 'placeholder',
              label: 'Pre-signed by AWS IoT (recommended)',
              description:
                'The document holds a ${aws:iot:s3-presigned-url:…} placeholder; IoT signs a fresh URL with the fleetdeck-iot-presigner role each time a device fetches the document.',
            },
            {
              value: 'operator-presigned',
              label: 'Pre-signed with your credentials',
              description:
                'A URL signed now by your session. It stops working when it expires or when your session credentials do, whichever comes first.',
            },
          ]}
        />
        {options.urlMode === 'placeholder' ? (
          <OptionTextField
            label="URL expiry (seconds)"
            field="presignedUrlExpirySeconds"
            props={props}
            constraintText="60 to 3,600"
            inputMode="numeric"
          />
        ) : (
          <OptionTextField
            label="URL expiry (hours)"
            field="operatorUrlExpiryHours"
            props={props}
            constraintText={`1 to ${MAX_OPERATOR_URL_EXPIRY_HOURS} (7 days)`}
            inputMode="numeric"
          />
        )}
      </SpaceBetween>
    </Container>
  )
}
