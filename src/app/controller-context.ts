/** The engine controller, handed to panels through React context (one per page). */
import { createContext, useContext } from 'react';
import type { Controller } from '../engine-client/controller';

export const ControllerContext = createContext<Controller | null>(null);

export function useController(): Controller {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
}
