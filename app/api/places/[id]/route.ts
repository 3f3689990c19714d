import { endpoints, serve } from "@/lib/api-http";

export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return serve(request, endpoints.place, context.params);
}
