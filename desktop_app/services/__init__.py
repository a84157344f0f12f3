"""The domain: rules, workflows, imports and exports. No Qt here (a test checks it)."""
