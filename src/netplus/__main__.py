from netplus.cli import main

main()
