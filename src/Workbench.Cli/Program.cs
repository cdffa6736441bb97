return Workbench.Cli.WorkbenchCommand.Run(args, Console.Out, Console.Error);
