import { RequestMethod, type INestApplicationContext, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from './decorators';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: { public: true } | { permission: string } | { unguarded: true };
}

/** Every HTTP route of every controller in the app, with how it is protected. */
export function listRoutes(app: INestApplicationContext): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const seen = new Set<Type>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as Type | null;
      if (!ctrl || seen.has(ctrl)) continue;
      seen.add(ctrl);
      const base = [Reflect.getMetadata(PATH_METADATA, ctrl) ?? ''].flat()[0] as string;
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = ctrl.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat()[0] as string;
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, ctrl);
        const permission = Reflect.getMetadata(REQUIRED_PERMISSION, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSION, ctrl);
        routes.push({
          method: RequestMethod[method],
          path: `/${[base, sub].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
          controller: ctrl.name,
          handler: name,
          access: isPublic === true ? { public: true } : permission ? { permission } : { unguarded: true },
        });
      }
    }
  }
  return routes;
}

/** Routes that are neither @Public() nor guarded by a @RequirePermission — should always be empty. */
export const unguardedRoutes = (app: INestApplicationContext) => listRoutes(app).filter((r) => 'unguarded' in r.access);
