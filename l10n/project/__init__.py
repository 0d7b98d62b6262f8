"""The project layer: the one place that touches the world.

Paths and discovery (:mod:`.layout`), configuration (:mod:`.config`), file I/O with atomic writes and
locks (:mod:`.files`) and one function per command (:mod:`.commands`).  Stages never import this
package; it imports every stage.  Kept import-light: ``l10n check --help`` must start fast.
"""
