"""The case lifecycle: one state machine (`machine`), the service that applies it (`service`), reading
(`read`) and case numbering (`numbering`)."""
