namespace MediaKit.Ui.Tests;

public sealed class UploadTestKitTests
{
    [Fact]
    public async Task The_kit_uploads_a_generated_png_into_the_signed_in_users_tenant()
    {
        await using var kit = await UiTestKit.CreateAsync(tenant: "store-a");
        var asset = await kit.UploadImageAsync("red-shoe.png");

        Assert.Equal("image/png", asset.ContentType);
        Assert.Equal(MediaKind.Image, asset.Kind);
        Assert.Equal("store-a", asset.TenantId);
        Assert.Equal("user-1", asset.UploadedBy);

        kit.SignIn("user-2", "store-b");
        Assert.Null(await kit.Store.FindAsync(asset.Id));
    }
}
