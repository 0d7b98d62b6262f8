"""The project layer: the one place that touches the world.

Paths and catalogue discovery (:mod:`.layout`), the configuration schema (:mod:`.config`), atomic writes
and locks (:mod:`.files`), catalogue read-modify-write (:mod:`.store`), the glossary loader
(:mod:`.glossary`), model installation (:mod:`.models`) and one function per command (:mod:`.commands`).  Stages never import this
package; it imports every stage.  Kept import-light: ``l10n check --help`` must start fast.
"""
