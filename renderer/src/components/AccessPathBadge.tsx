import { Badge } from '@fluentui/react-components';
import type { AccessPath } from '../../../shared/access-path';
import { ACCESS_PATH_LABEL } from '../../../shared/access-path';

const COLOR = { gdap: 'brand', b2b: 'informative', both: 'important', none: 'danger' } as const;

export function AccessPathBadge({ path }: { readonly path: AccessPath }) {
  return (
    <Badge appearance={path === 'both' ? 'filled' : 'tint'} color={COLOR[path]} shape="rounded">
      {ACCESS_PATH_LABEL[path]}
    </Badge>
  );
}
