import type { Application } from '../../../api/types';
import { ResourceGraphView, type ResourceViewProps } from './ResourceGraphView';
import { AppNodeBox } from './ResourceNodeBox';
import { buildTreeGraph } from './treeGraph';

/** The tree view: the Application → what it manages → what those own, left to right. */
export function ResourceTreeView({ app, ...view }: ResourceViewProps & { app: Application }) {
  return (
    <ResourceGraphView
      {...view}
      build={buildTreeGraph}
      label="Resource tree"
      empty={view.items.length === 0 ? 'No resources yet.' : 'No resource matches the filters.'}
      renderOther={(_, box) => <AppNodeBox app={app} box={box} />}
    />
  );
}
