import Alert from '@cloudscape-design/components/alert'
import Button from '@cloudscape-design/components/button'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import { useSearchParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useFollowHref } from '@/lib/router-link.ts'
import { catalogFilterParams, catalogFiltersFrom } from '../utils/catalog-filters.ts'
import { FirmwareCatalogTable } from './firmware-catalog-table.tsx'

/**
 * `/firmware`: the releases in the firmware bucket with size, sha256, upload
 * time and notes, filtered by model (`?model=`) and text (`?q=`). Only
 * operators get an upload control; IAM refuses a viewer's upload anyway.
 */
export function FirmwareCatalogPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const filters = catalogFiltersFrom(searchParams)
  const { role } = useSessionUser()
  const followHref = useFollowHref()
  const uploadAction =
    role === 'operator' ? (
      <Button
        variant="primary"
        href={paths.firmware.upload({
          model: filters.modelProblem === undefined ? filters.model : undefined,
        })}
        onFollow={followHref}
      >
        Upload firmware
      </Button>
    ) : undefined

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Firmware images per model in S3, with the size and sha256 devices verify before they install."
          actions={uploadAction}
        >
          Firmware catalog
        </Header>
      }
    >
      {filters.modelProblem === undefined ? (
        <FirmwareCatalogTable
          filters={filters}
          onFiltersChange={(next) =>
            setSearchParams(
              Object.fromEntries(
                Object.entries(catalogFilterParams(next)).filter(
                  (entry): entry is [string, string] => entry[1] !== undefined,
                ),
              ),
              // Typing in the filter replaces the entry; choosing a model or page is a step Back undoes.
              { replace: next.text !== filters.text },
            )
          }
          uploadAction={uploadAction}
        />
      ) : (
        <Alert
          type="warning"
          header="Nothing was listed"
          action={
            <Button href={paths.firmware.catalog()} onFollow={followHref}>
              Show every model
            </Button>
          }
        >
          “{filters.model}” in the address is not a model name. {filters.modelProblem}
        </Alert>
      )}
    </ContentLayout>
  )
}
