from ietfplan.cli import main

main()
