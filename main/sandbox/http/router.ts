import type { RouteHandler, SandboxRequest, SandboxResponse } from './types';

interface Route {
  readonly method: string;
  readonly segments: ReadonlyArray<string>;
  readonly handler: RouteHandler;
}

/**
 * Routes by method and path pattern: literal segments, `:name` parameters, and a trailing `*rest`
 * that takes the remainder. The first route added that matches wins.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.add('GET', pattern, handler);
  }
  post(pattern: string, handler: RouteHandler): this {
    return this.add('POST', pattern, handler);
  }
  patch(pattern: string, handler: RouteHandler): this {
    return this.add('PATCH', pattern, handler);
  }
  put(pattern: string, handler: RouteHandler): this {
    return this.add('PUT', pattern, handler);
  }
  delete(pattern: string, handler: RouteHandler): this {
    return this.add('DELETE', pattern, handler);
  }

  /** The handler and parameters for a request, or which methods the path allows (for 405). */
  match(
    method: string,
    pathname: string,
  ): { handler: RouteHandler; params: Record<string, string> } | { allowed: ReadonlyArray<string> } {
    const parts = split(pathname);
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
      allowed.add(route.method);
    }
    return { allowed: [...allowed] };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(
  pattern: ReadonlyArray<string>,
  parts: ReadonlyArray<string>,
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    if (p.startsWith('*')) {
      params[p.slice(1)] = parts.slice(i).map(safeDecode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(part);
    else if (p.toLowerCase() !== part.toLowerCase()) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type { RouteHandler, SandboxRequest, SandboxResponse };
