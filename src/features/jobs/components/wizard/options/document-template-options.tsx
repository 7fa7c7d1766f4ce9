import AttributeEditor from '@cloudscape-design/components/attribute-editor'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Textarea from '@cloudscape-design/components/textarea'
import { CREATED_BY_TAG } from '../../../utils/firmware-job-form.ts'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

export interface DocumentTemplateOptionsProps extends OptionsSectionProps {
  readonly username: string | undefined
}

/** Description, tags and the custom fields merged into the install document. */
export function DocumentTemplateOptions(props: DocumentTemplateOptionsProps) {
  const { options, onChange, errors } = props
  return (
    <Container header={<Header variant="h2">Description, tags and custom document</Header>}>
      <SpaceBetween size="l">
        <OptionTextField
          label="Description"
          field="description"
          props={props}
          constraintText="Optional, one line, at most 2,028 characters."
        />
        <FormField
          label="Tags"
          description={`The tag ${CREATED_BY_TAG}=${props.username ?? '(you)'} is added for you.`}
          errorText={errors.tags}
        >
          <AttributeEditor
            items={[...options.tags]}
            onAddButtonClick={() => onChange({ tags: [...options.tags, { key: '', value: '' }] })}
            onRemoveButtonClick={({ detail }) =>
              onChange({ tags: options.tags.filter((_, index) => index !== detail.itemIndex) })
            }
            addButtonText="Add tag"
            removeButtonText="Remove"
            empty="No tags."
            definition={[
              {
                label: 'Key',
                control: (item, index) => (
                  <Input
                    value={item.key}
                    onChange={({ detail }) =>
                      onChange({
                        tags: options.tags.map((tag, at) =>
                          at === index ? { ...tag, key: detail.value } : tag,
                        ),
                      })
                    }
                    ariaLabel="Tag key"
                  />
                ),
              },
              {
                label: 'Value',
                control: (item, index) => (
                  <Input
                    value={item.value}
                    onChange={({ detail }) =>
                      onChange({
                        tags: options.tags.map((tag, at) =>
                          at === index ? { ...tag, value: detail.value } : tag,
                        ),
                      })
                    }
                    ariaLabel="Tag value"
                  />
                ),
              },
            ]}
          />
        </FormField>
        <FormField
          label="Custom document fields"
          description="A JSON object whose fields are added to the generated install document. Generated fields (operation, url, version, sha256, size, forced, model) always win. The merged document is shown on the review step."
          errorText={errors.document}
        >
          <Textarea
            value={options.documentTemplate}
            onChange={({ detail }) => onChange({ documentTemplate: detail.value })}
            placeholder={'{ "ticket": "OPS-123" }'}
            rows={5}
            ariaLabel="Custom document fields"
          />
        </FormField>
      </SpaceBetween>
    </Container>
  )
}
