// Async boundary: the shared singletons (React, the query client…) are negotiated before any of them runs.
import('./bootstrap');
