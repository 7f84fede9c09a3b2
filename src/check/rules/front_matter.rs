//! `front-matter`: invalid YAML, unknown keys, wrong types. Found while loading (the loader
//! reports them with positions); listed here so the rule has its metadata and docs.

use crate::check::rule::Rule;
use crate::diag::Level;

pub static RULE: Rule = Rule {
    id: "front-matter",
    level: Level::Error,
    judges_text: false,
    summary: "invalid YAML, an unknown key or a wrong type in front matter or a site file",
    doc: r"Every YAML file (front matter, `upfront.yaml`, `facts.yaml`, notices, `i18n/`) and
every measured-data CSV is checked key by key: invalid YAML, unknown keys (with the nearest
valid one), wrong types, bad dates, unknown tiers, channels, locales and rule ids, anchors
and aliases, files that are empty, not UTF-8, above the size cap, or without front matter.
A file with such an error is left out of the build.

**Bad**

```yaml
titel: Your visit
steps: yes
```

**Good**

```yaml
title: Your visit
steps:
  - title: Check-in
    wait: repair.arrival
```

**Fix**: follow the hint; it names the valid keys or values.

**Settings**: none (`limits.max_file_bytes` sets the size cap).",
    run: |_, _| {},
};
