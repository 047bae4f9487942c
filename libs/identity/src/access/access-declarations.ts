import { Injectable, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS } from '../authorization';

/**
 * Refuses to start an application with a route that declares no access rule, naming it: a
 * forgotten declaration is found by whoever starts the app, not by whoever probes it.
 */
@Injectable()
export class AccessDeclarations implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (this.reflector.getAllAndOverride(ACCESS, [handler, controller]) === undefined) {
          undeclared.push(`${controller.name}.${name}`);
        }
      }
    }
    if (undeclared.length > 0) {
      throw new Error(`Routes without an access rule: ${undeclared.join(', ')}`);
    }
  }
}
