using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using MediaKit.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MediaKit.Samples.Store.Auth;

/// <summary>
/// The sample's sign-in: a cookie for browsers (the sign-in page lists the demo accounts) and, outside production, demo
/// bearer tokens (<c>Authorization: Bearer demo:acme-admin</c>) for scripts, tests and the benchmark.
/// </summary>
public static class DemoAuthentication
{
    /// <summary>The scheme that picks the cookie or the demo token for each request.</summary>
    public const string Scheme = "Store";

    /// <summary>The demo bearer token scheme.</summary>
    public const string TokenScheme = "DemoToken";

    /// <summary>The token prefix: <c>Bearer demo:{account id}</c>.</summary>
    public const string TokenPrefix = "demo:";

    /// <summary>Adds cookie and demo-token authentication, and maps seed 004's roles to MediaKit's policies.</summary>
    public static IServiceCollection AddStoreAuthentication(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        var tokens = configuration.GetValue<bool?>("Store:DemoTokens") ?? !environment.IsProduction();
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or demo token", o => o.ForwardDefaultSelector = context =>
                tokens && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/account/sign-in";
                o.Cookie.Name = "store.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
            });
        if (tokens)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DemoTokenHandler>(TokenScheme, null);
        }

        // Seed 004: Admin and Super Admin manage the library; Floor Staff has no access. Members may view and upload, and
        // (seed 001) delete what they uploaded themselves.
        services.AddMediaKitAuthorization(o =>
        {
            o.ViewRoles.Add(DemoAccounts.SuperAdmin);
            o.ViewRoles.Add(DemoAccounts.Admin);
            o.ViewRoles.Add(DemoAccounts.Member);
            o.UploadRoles.Add(DemoAccounts.SuperAdmin);
            o.UploadRoles.Add(DemoAccounts.Admin);
            o.UploadRoles.Add(DemoAccounts.Member);
            o.ManageRoles.Add(DemoAccounts.SuperAdmin);
            o.ManageRoles.Add(DemoAccounts.Admin);
            o.ApproveRoles.Add(DemoAccounts.SuperAdmin);
            o.ApproveRoles.Add(DemoAccounts.Admin);
        });
        return services;
    }

    /// <summary>Maps the sign-in page (<c>GET/POST /account/sign-in</c>) and <c>POST /account/sign-out</c>.</summary>
    public static void MapDemoSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/sign-in", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var html = new StringBuilder();
            var enc = HtmlEncoder.Default;
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in — Atelier</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><main>");
            html.Append("<h1>Sign in</h1><p>Demo accounts of the sample. Every password is <code>").Append(DemoAccounts.Password).Append("</code>.</p>");
            html.Append("<form method=\"post\" action=\"/account/sign-in\"><input type=\"hidden\" name=\"").Append(enc.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(enc.Encode(tokens.RequestToken ?? "")).Append("\">");
            html.Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(enc.Encode(returnUrl ?? "/library")).Append("\">");
            html.Append("<fieldset><legend>Account</legend>");
            var first = true;
            foreach (var account in DemoAccounts.All)
            {
                html.Append("<div><input type=\"radio\" name=\"account\" id=\"a-").Append(enc.Encode(account.Id)).Append("\" value=\"").Append(enc.Encode(account.Id)).Append('"').Append(first ? " checked" : "").Append('>');
                html.Append("<label for=\"a-").Append(enc.Encode(account.Id)).Append("\">").Append(enc.Encode(account.Name)).Append("</label></div>");
                first = false;
            }

            html.Append("</fieldset><label for=\"password\">Password</label> <input id=\"password\" name=\"password\" type=\"password\" value=\"").Append(DemoAccounts.Password).Append("\" required>");
            html.Append(" <button type=\"submit\">Sign in</button></form></main></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();

        endpoints.MapPost("/account/sign-in", async (HttpContext context, [FromForm] string? account, [FromForm] string? password, [FromForm] string? returnUrl) =>
        {
            if (DemoAccounts.Find(account) is not { } user || !string.Equals(password, DemoAccounts.Password, StringComparison.Ordinal))
            {
                return Results.Redirect("/account/sign-in?error=1");
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/library");
        }).AllowAnonymous();

        endpoints.MapPost("/account/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/sign-in");
        });
    }

    /// <summary>Authenticates <c>Authorization: Bearer demo:{account id}</c>. A demo convenience: never enable it in production.</summary>
    private sealed class DemoTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var token = header["Bearer ".Length..].Trim();
            if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || DemoAccounts.Find(token[TokenPrefix.Length..]) is not { } account)
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown demo token."));
            }

            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(account.ToPrincipal(TokenScheme), TokenScheme)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }
    }
}
