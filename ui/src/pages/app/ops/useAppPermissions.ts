import { useCanI } from '../../../api/session';
import type { Application } from '../../../api/types';
import { rbacObject } from '../useApplication';
import type { Guard } from './GuardedButton';

export interface AppPermissions {
  sync: Guard;
  update: Guard;
  delete: Guard;
  /** Argo checks a rollback as sync, or as rollback when server.rbac.rollback.enforce.enable is set. */
  rollback: Guard;
}

/** can-i for what the header offers, on applications project/name. */
export function useAppPermissions(app: Application): AppPermissions {
  const object = rbacObject(app);
  const sync = useCanI('applications', 'sync', object);
  const update = useCanI('applications', 'update', object);
  const remove = useCanI('applications', 'delete', object);
  const rollback = useCanI('applications', 'rollback', object);
  return {
    sync: { allowed: sync, action: 'sync', object },
    update: { allowed: update, action: 'update', object },
    delete: { allowed: remove, action: 'delete', object },
    rollback: { allowed: sync === undefined || rollback === undefined ? undefined : sync || rollback, action: 'sync', object },
  };
}
