import { endpoints, serve } from "@/lib/api-http";

export function GET(request: Request): Promise<Response> {
  return serve(request, endpoints.places);
}
