# expect: TFL103
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split


def scale(frame):
    return StandardScaler().fit_transform(frame)


df = pd.read_csv("data.csv")
train, test = train_test_split(df, test_size=0.2)
train_scaled = scale(train)
test_scaled = scale(test)
