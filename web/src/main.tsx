import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
// First, so the app-wide rules come before the per-area sheets (training/training.css) the App imports.
import "./styles/global.css";
import { App } from "./App";
import { UpdatePrompt } from "./pwa/UpdatePrompt";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
      <UpdatePrompt />
    </BrowserRouter>
  </StrictMode>,
);
