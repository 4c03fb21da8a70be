global using Azure.Storage.Queues.Models;
global using BankFunctions.Features;
global using BankFunctions.Features.Dispatch;
global using BankFunctions.Features.Http;
global using BankFunctions.Features.Outbox;
global using BankFunctions.Features.Runtime;
global using Microsoft.AspNetCore.Http;
global using Microsoft.Azure.Functions.Worker;
