"""``python -m tripnews`` runs the command-line tool."""

from tripnews.cli import main

main()
