// One row of the role × route matrix: method, OpenAPI path, allowed cells for
// owner manager clerk analyst pos ('Y' or '-'), and how to build the request for a role.
import type { InjectOptions } from 'fastify';
import type { Api, Who } from '../support/api.ts';

export type Ctx = { customerId: number; importId: number };
export type Build = (api: Api, who: Who, ctx: Ctx) => Promise<InjectOptions> | InjectOptions;
export type Row = [method: string, path: string, allowed: string, build: Build];
