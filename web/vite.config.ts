import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API URL is never baked into the build: the client reads it from /config.json at start-up.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
