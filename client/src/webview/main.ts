// Placement panel UI (webview entry).
